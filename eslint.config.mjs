// @ts-check
// Lint rules and the layer boundaries of the source tree (see docs/architecture.md).
import tseslint from 'typescript-eslint';
import angular from 'angular-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'url', 'zlib', 'stream', 'worker_threads', 'util', 'events', 'net'];

/** @param {string} message */
const pattern = (group, message) => ({ group, message });

const domainRestrictions = [
  pattern(['@angular/*', '@angular/**'], 'src/domain is framework-free: no Angular.'),
  pattern(['rxjs', 'rxjs/*'], 'src/domain is framework-free: no RxJS.'),
  pattern(NODE_BUILTINS, 'src/domain runs in the browser and the worker: no Node built-ins.'),
  pattern(['onnxruntime-*', 'echarts', 'echarts/*', 'ngx-echarts', 'd3', 'd3-*', 'ws'], 'src/domain imports no runtime libraries; adapters live in src/worker or tools/.'),
  pattern(['**/app/**', '**/worker/**', '**/protocol/**', '**/tools/**'], 'src/domain depends on nothing else in the project.'),
];

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', '.angular/**', 'coverage/**', 'out-tsc/**', 'test-results/**', 'playwright-report/**', 'data/**', 'bench-results/**', 'public/**', 'tools/lint-fixtures/**'],
  },
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommended, ...angular.configs.tsRecommended],
    processor: angular.processInlineTemplates,
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'pv', style: 'camelCase' }],
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'pv', style: 'kebab-case' }],
    },
  },
  {
    files: ['**/*.html'],
    extends: [...angular.configs.templateRecommended, ...angular.configs.templateAccessibility],
    rules: {},
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: domainRestrictions }] },
  },
  {
    files: ['src/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        pattern(['@angular/*', '@angular/**', 'rxjs', 'rxjs/*'], 'src/protocol is plain types shared by UI and worker.'),
        pattern(NODE_BUILTINS, 'src/protocol runs in the browser: no Node built-ins.'),
        pattern(['**/app/**', '**/worker/**', '**/tools/**'], 'src/protocol may import only src/domain.'),
      ] }],
    },
  },
  {
    files: ['src/worker/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        pattern(['@angular/*', '@angular/**', 'rxjs', 'rxjs/*'], 'The worker has no Angular or RxJS.'),
        pattern(NODE_BUILTINS, 'The worker runs in the browser: no Node built-ins.'),
        pattern(['**/app/**', '**/tools/**'], 'The worker may import only src/domain and src/protocol.'),
      ] }],
    },
  },
  {
    files: ['src/app/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        pattern(['**/worker/*', '**/worker/**', '!**/worker/*.worker'], 'The app talks to the worker only through src/protocol messages; it may only name the worker entry file.'),
        pattern(NODE_BUILTINS, 'The app runs in the browser: no Node built-ins.'),
        pattern(['**/tools/**'], 'The app never imports the Node tools.'),
      ] }],
    },
  },
  {
    files: ['tools/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        pattern(['**/src/app/**', '**/app/**', '@angular/*', '@angular/**'], 'Node tools never import the Angular app.'),
      ] }],
    },
  },
);
