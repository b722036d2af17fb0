// ESLint flat config: typescript-eslint's strict rules plus the import boundaries of docs/ARCHITECTURE.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const core = ['bot', 'kb', 'lang', 'handoff', 'tickets', 'conversation', 'forms', 'reports', 'privacy'];
const drivers = [
  'mongoose',
  'better-sqlite3',
  'socket.io',
  'socket.io-client',
  'express',
  'restify',
  'botbuilder',
  'botframework-connector',
  'redis',
  '@socket.io/redis-adapter',
];

/** Import bans: `paths` are package names, `dirs` are top-level folders that must not be imported. */
const ban = (files, { packages = [], dirs = [], message }) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: packages.map((name) => ({ name, message })),
        patterns: [
          ...packages.map((name) => ({ group: [`${name}/*`], message })),
          ...(dirs.length > 0 ? [{ group: dirs.flatMap((d) => [`**/${d}/*`, `**/${d}`]), message }] : []),
        ],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read settings through server/config.ts.',
        },
      ],
    },
  },
  { files: ['server/config.ts'], rules: { 'no-restricted-syntax': 'off' } },
  { files: ['*.config.js', 'scripts/**'], rules: { 'no-restricted-syntax': 'off' } },
  ...core.map((dir) =>
    ban([`${dir}/**/*.ts`], {
      packages: drivers,
      dirs: ['channels', 'store', 'server', 'web'],
      message: `${dir}/ stays free of channels, web frameworks, databases and the server: define a port in ${dir}/ports.ts.`,
    }),
  ),
  ban(['store/**/*.ts'], {
    packages: ['socket.io', 'express', 'restify', 'botbuilder'],
    dirs: ['channels', 'server', 'web', 'kb'],
    message: 'store/ implements the ports; it knows no channel or server.',
  }),
  {
    // Its tests may use the server's in-memory parts to compare with.
    ...ban(['cluster/**/*.ts'], {
      packages: ['socket.io', 'express', 'restify', 'botbuilder', 'mongoose', 'better-sqlite3'],
      dirs: ['channels', 'server', 'web', 'store', 'bot', 'kb'],
      message: 'cluster/ implements ports over Redis; it knows no channel, store or server.',
    }),
    ignores: ['cluster/**/*.test.ts'],
  },
  ban(['store/embedded/**/*.ts'], {
    packages: ['mongoose'],
    message: 'mongoose belongs in store/mongo/ only.',
  }),
  ban(['channels/web/**/*.ts'], {
    packages: ['mongoose', 'better-sqlite3', 'restify', 'botbuilder'],
    dirs: ['server', 'store', 'teams', 'messenger', 'terminal'],
    message: 'A channel talks to the bot only; channels never import each other.',
  }),
  ban(['channels/terminal/**/*.ts'], {
    packages: drivers,
    dirs: ['server', 'store', 'web', 'teams', 'messenger'],
    message: 'A channel talks to the bot only; channels never import each other.',
  }),
  ban(['channels/messenger/**/*.ts'], {
    packages: ['mongoose', 'better-sqlite3', 'restify', 'botbuilder', 'socket.io', 'socket.io-client'],
    dirs: ['server', 'store', 'web', 'teams', 'terminal'],
    message:
      'A channel talks to the bot only; channels never import each other (ports come in through deps).',
  }),
  ban(['web/**/*.ts'], {
    packages: ['mongoose', 'better-sqlite3', 'express', 'socket.io', 'restify', 'botbuilder'],
    dirs: ['server', 'store', 'bot', 'kb'],
    message: 'Browser code imports only the shared event types of channels/web/events.ts.',
  }),
  ban(['common/**/*.ts'], {
    packages: drivers,
    dirs: ['bot', 'kb', 'server', 'store', 'channels', 'web'],
    message: 'common/ depends on nothing.',
  }),
  {
    files: ['web/**/*.ts'],
    languageOptions: {
      globals: {
        document: 'readonly',
        window: 'readonly',
        navigator: 'readonly',
        location: 'readonly',
        localStorage: 'readonly',
        crypto: 'readonly',
        CSS: 'readonly',
        setTimeout: 'readonly',
      },
    },
  },
);
