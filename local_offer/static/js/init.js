// Enhances GOV.UK Frontend components; every page works without it.
import { initAll } from '../build/govuk-frontend.min.js';

initAll();
