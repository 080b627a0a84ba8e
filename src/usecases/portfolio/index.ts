export { getPortfolio, PORTFOLIO_PAGE_SIZE, type PortfolioInput } from './portfolio';
export { portfolioResult, portfolioJql, supportedIntegrations, planView, matchesFilters, type PortfolioEpic } from './view';
