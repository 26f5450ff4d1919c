export { CountriesView } from './CountriesView';
export { countryName } from './names';
