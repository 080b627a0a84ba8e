export { getPortfolio, readPlanEpics, type PortfolioInput } from './portfolio';
export {
  portfolioResult,
  portfolioJql,
  portfolioTotals,
  supportedIntegrations,
  planView,
  matchesFilters,
  matchesText,
  compareEpics,
  type PortfolioEpic,
  type PortfolioPageRequest,
} from './view';
