// The person registry's front door on the web: what cases uses to pick or register an applicant.
export { usePeople, usePeopleMutations, usePeopleTags } from './api';
export { PersonFields, toPersonInput } from './components/PersonFields';
