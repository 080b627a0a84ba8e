import { startApp } from '../../shared/ui';
import { IssuePanel } from './IssuePanel';

startApp(<IssuePanel />);
