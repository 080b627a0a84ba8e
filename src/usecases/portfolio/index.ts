export { getPortfolio, readPlanEpics, readEpicsByJql, type PortfolioInput } from './portfolio';
export {
  portfolioResult,
  portfolioJql,
  portfolioTotals,
  supportedIntegrations,
  coreSystemKey,
  planView,
  matchesFilters,
  matchesText,
  compareEpics,
  type PortfolioEpic,
  type PortfolioPageRequest,
} from './view';
