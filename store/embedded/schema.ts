/** The embedded store's schema; `user_version` tracks migrations. */
export const migrations: readonly string[] = [
  `
  CREATE TABLE conversations (
    id TEXT PRIMARY KEY,
    channel TEXT NOT NULL,
    visitor_key TEXT NOT NULL,
    lang TEXT,
    state TEXT NOT NULL,
    next_seq INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (channel, visitor_key)
  );
  CREATE INDEX conversations_updated ON conversations (updated_at);
  CREATE TABLE messages (
    id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations (id),
    seq INTEGER NOT NULL,
    role TEXT NOT NULL,
    text TEXT NOT NULL,
    client_id TEXT,
    meta TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (conversation_id, seq)
  );
  CREATE UNIQUE INDEX messages_client_id ON messages (conversation_id, client_id) WHERE client_id IS NOT NULL;
  CREATE TABLE unresolved (
    id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    lang TEXT NOT NULL,
    text TEXT NOT NULL,
    candidates TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX unresolved_created ON unresolved (created_at);
  CREATE INDEX unresolved_lang ON unresolved (lang, created_at);
  `,
  `
  CREATE TABLE missing_translations (
    article_id TEXT NOT NULL,
    lang TEXT NOT NULL,
    requests INTEGER NOT NULL,
    first_at TEXT NOT NULL,
    last_at TEXT NOT NULL,
    PRIMARY KEY (article_id, lang)
  );
  `,
  `
  CREATE TABLE agents (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name TEXT NOT NULL,
    languages TEXT NOT NULL,
    skills TEXT NOT NULL,
    capacity INTEGER NOT NULL,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE agent_sessions (
    token_hash TEXT PRIMARY KEY,
    agent_id TEXT NOT NULL REFERENCES agents (id),
    expires_at TEXT NOT NULL
  );
  CREATE TABLE handoffs (
    id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    lang TEXT NOT NULL,
    skills TEXT NOT NULL,
    reason TEXT NOT NULL,
    status TEXT NOT NULL,
    queue_key REAL NOT NULL,
    queued_at TEXT NOT NULL,
    assigned_to TEXT,
    assigned_at TEXT,
    target_agent TEXT,
    target_skill TEXT,
    first_response_at TEXT,
    resolved_at TEXT,
    csat TEXT,
    page TEXT,
    created_at TEXT NOT NULL
  );
  CREATE INDEX handoffs_conversation ON handoffs (conversation_id, created_at);
  CREATE INDEX handoffs_status ON handoffs (status, queue_key);
  CREATE INDEX handoffs_assignee ON handoffs (assigned_to, status);
  `,
  `
  CREATE TABLE tickets (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL UNIQUE,
    number TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL,
    priority TEXT NOT NULL,
    lang TEXT NOT NULL,
    assignee TEXT,
    first_reply_due TEXT,
    resolution_due TEXT,
    first_replied_at TEXT,
    solved_at TEXT,
    search TEXT NOT NULL,
    doc TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX tickets_status ON tickets (status, updated_at);
  CREATE INDEX tickets_assignee ON tickets (assignee, status);
  CREATE INDEX tickets_lang ON tickets (lang, status);
  `,
  `
  CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
  );
  `,
  // Tickets queried in SQL (store/embedded/tickets.ts): the search text without internal notes (`notes`
  // apart), the sort keys and when a ticket turns overdue, each with an index; the rows already there get
  // these columns computed when the store opens (`indexed` < indexVersion).
  `
  ALTER TABLE tickets ADD COLUMN notes TEXT NOT NULL DEFAULT '';
  ALTER TABLE tickets ADD COLUMN sort_priority TEXT NOT NULL DEFAULT '';
  ALTER TABLE tickets ADD COLUMN sort_due TEXT NOT NULL DEFAULT '';
  ALTER TABLE tickets ADD COLUMN overdue_from TEXT;
  ALTER TABLE tickets ADD COLUMN indexed INTEGER NOT NULL DEFAULT 0;
  DROP INDEX tickets_status;
  CREATE INDEX tickets_status ON tickets (status, updated_at, seq);
  CREATE INDEX tickets_priority ON tickets (priority, status);
  CREATE INDEX tickets_updated ON tickets (updated_at, seq);
  CREATE INDEX tickets_created ON tickets (created_at, seq);
  CREATE INDEX tickets_by_priority ON tickets (sort_priority, seq);
  CREATE INDEX tickets_due ON tickets (sort_due, seq);
  CREATE INDEX tickets_overdue ON tickets (overdue_from) WHERE overdue_from IS NOT NULL;
  `,
  // Agents an admin disabled (`frontdesk agents disable`): no sign-in, no session.
  `
  ALTER TABLE agents ADD COLUMN disabled_at TEXT;
  CREATE INDEX agent_sessions_agent ON agent_sessions (agent_id);
  `,
  // Reports (store/embedded/reports.ts) select by creation time; the admin audit log (store/embedded/audit.ts).
  `
  CREATE INDEX messages_created ON messages (created_at);
  CREATE INDEX conversations_created ON conversations (created_at);
  CREATE INDEX handoffs_created ON handoffs (created_at);
  CREATE TABLE admin_audit (
    id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    actor_email TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    details TEXT NOT NULL
  );
  CREATE INDEX admin_audit_at ON admin_audit (at, id);
  `,
  // How a message sent later (agents, queue notices, tickets, CSAT) reached the visitor: MessageDelivery
  // as JSON, null until a channel was asked (conversation/outbox.ts records it).
  `
  ALTER TABLE messages ADD COLUMN delivery TEXT;
  `,
  // Where a channel reaches a visitor later (a Teams ConversationReference), per channel and visitor key.
  `
  CREATE TABLE channel_addresses (
    channel TEXT NOT NULL,
    visitor_key TEXT NOT NULL,
    address TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (channel, visitor_key)
  );
  `,
  // Visitors (and, for a while, addresses) an agent marked as spam; visitors' data erasures (when, by whom).
  `
  CREATE TABLE blocks (
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    until TEXT,
    by TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX blocks_until ON blocks (until);
  CREATE TABLE erasures (
    at TEXT NOT NULL,
    by TEXT NOT NULL
  );
  `,
  // The review queue (review/): where a logged question comes from and an agent's answer to it, which
  // questions an admin resolved or dismissed, and the visitors' ratings of bot answers.
  `
  ALTER TABLE unresolved ADD COLUMN source TEXT NOT NULL DEFAULT 'unresolved';
  ALTER TABLE unresolved ADD COLUMN answer TEXT;
  CREATE TABLE review_marks (
    item_id TEXT PRIMARY KEY,
    group_id TEXT NOT NULL,
    status TEXT NOT NULL,
    by_agent TEXT NOT NULL,
    at TEXT NOT NULL,
    article_id TEXT
  );
  CREATE INDEX review_marks_group ON review_marks (group_id, status);
  CREATE TABLE answer_ratings (
    message_id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    article_id TEXT NOT NULL,
    lang TEXT NOT NULL,
    helpful INTEGER NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX answer_ratings_conversation ON answer_ratings (conversation_id, created_at);
  `,
  // The articles offered before the visitor chose "None of these" (issue #17), JSON array of ids.
  `
  ALTER TABLE unresolved ADD COLUMN offered TEXT NOT NULL DEFAULT '[]';
  `,
];
