// Each module's seed file registers its step by pushing onto `seedSteps`; the import order here is the run order.
export {};
