import { startApp } from '../../shared/ui';
import { AdminPage } from './AdminPage';

startApp(<AdminPage />);
