import '../discreet/discreet-start.ts';
import '../ui/global.css';
import '../ui/pamphlet-app.ts';
