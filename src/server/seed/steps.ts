// Each module's seed file registers its step by pushing onto `seedSteps`; the import order here is the run order.
// dealers first: the identity seed attaches dealer staff to dealers it creates.
import '../modules/dealers/dealers.seed.js';
import '../modules/identity/identity.seed.js';
import '../modules/crm/crm.seed.js';
