export { CountriesView } from './CountriesView';
