// The reports module's front door on the web: the drawer listing the records behind a figure (drill-down).
export { RecordsDrawer, type RecordsTarget } from './components/RecordsDrawer';
