export { KvsStore } from './store';
export { installForgeKvs, type ForgeKvsInstallation } from './seam';
