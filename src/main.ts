import './styles/global.css';
import './components/pamphlet-app.ts';
