export * from './ai';
export * from './constants';
export * from './cost-per-btc';
export * from './hashprice';
export * from './hashprice-query';
export * from './mining';
export * from './projection';
export * from './subsidy';
