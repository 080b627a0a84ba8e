import { startApp } from '../../shared/ui';
import { MacroView } from './MacroView';

startApp(<MacroView />);
