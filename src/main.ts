import './discreet/discreet-start.ts';
import './styles/global.css';
import './components/pamphlet-app.ts';
