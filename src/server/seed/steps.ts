// Each module's seed file registers its step by pushing onto `seedSteps`; the import order here is the run order.
// dealers first: the identity seed attaches dealer staff to dealers it creates.
import '../modules/dealers/dealers.seed.js';
import '../modules/identity/identity.seed.js';
import '../modules/crm/crm.seed.js';
import '../modules/catalog/model.seed.js';
import '../modules/catalog/listings.seed.js';
// Keep last among the catalog seeds (after model.seed and listings.seed): it indexes their listings.
import '../modules/catalog/search.seed.js';
