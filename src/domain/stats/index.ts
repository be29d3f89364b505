// Statistics for the offline analyses (time stratification, level specificity, feature
// interactions). Pure functions; distributions come from jStat through distributions.ts.
export * from './result';
export * from './rng';
export * from './distributions';
export * from './quantile';
export * from './ranks';
export * from './auc';
export * from './wilson';
export * from './contingency';
export * from './mann-whitney';
export * from './effect-size';
export * from './bootstrap';
export * from './permutation';
export * from './multiple-testing';
export * from './folds';
export * from './linear-algebra';
export * from './logistic';
export * from './interaction';
export * from './threshold';
export * from './grid';
export * from './correlation';
