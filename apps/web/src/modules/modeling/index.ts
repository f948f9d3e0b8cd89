/** What other web modules may use from modeling. */
export { PlantNodeTreeSelect } from './components/PlantNodeTreeSelect.tsx';
