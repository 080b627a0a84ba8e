export { getPortfolio, readPlanEpics, type PortfolioDeps, type PortfolioInput } from './portfolio';
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
