import { startApp } from '../../shared/ui';
import { KickoffForm } from './KickoffForm';

startApp(<KickoffForm />);
