import { startApp } from '../../shared/ui';
import { Portfolio } from './Portfolio';

startApp(<Portfolio />);
