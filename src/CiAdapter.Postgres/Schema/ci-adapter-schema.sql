-- CI Adapter: PostgreSQL schema for Orleans' ADO.NET providers (Orleans 10.4, invariant "Npgsql").
--
-- Holds cluster membership, reminders and grain state, plus the OrleansQuery table from which
-- the providers read the SQL they run. Schema version 1.
--
-- A DBA can run this file by hand:
--     psql -v ON_ERROR_STOP=1 -h <host> -U <owner> -d <database> -f ci-adapter-schema.sql
-- The service applies the very same file at start-up (PostgresSchemaInstaller), so running it
-- first is optional. The objects are created in the first schema of the connecting role's
-- search_path (normally "public"); the service must connect with the same search_path.
--
-- Rules this file keeps:
-- * Idempotent: every statement may run again. A second run changes no row.
-- * One transaction, serialised by an advisory lock, so silos that start together do not race.
-- * Released objects never change meaning. A later version adds objects and query rows and
--   records itself in ci_adapter_schema_version. An older build that starts against a newer
--   database leaves the query rows of the newer version alone.
-- * Identifiers are unquoted, so PostgreSQL folds them to lower case. Result columns are quoted
--   aliases because the providers read them by their exact names ("Version", "StartTime", ...).
-- * Query parameters (@DeploymentId, @GrainIdHash, ...) are the names the 10.4 providers bind.

BEGIN;

-- The schema installer's lock ('CIAD', object 1), held until COMMIT.
DO
$lock$
    BEGIN
        PERFORM pg_advisory_xact_lock(1128874308, 1);
    END
$lock$;

CREATE TABLE IF NOT EXISTS ci_adapter_schema_version
(
    version     integer     NOT NULL PRIMARY KEY,
    description text        NOT NULL,
    applied_on  timestamptz NOT NULL DEFAULT now()
);

-- The providers read their SQL from here: SELECT QueryKey, QueryText FROM OrleansQuery.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);

-- A fixed-size primary key for rows whose natural key is made of user-supplied text of any
-- length (model ids end up in grain ids). B-tree entries are limited to about 2.7 kB, so the
-- natural key itself cannot be the primary key. Each part is written as <length>:<text>, or
-- '-' for NULL, which keeps the encoding injective. The queries never trust the digest alone:
-- they also compare every natural-key column, so even a digest collision could not mix up two
-- rows (it would make the second insert fail loudly instead).
DO
$install$
    BEGIN
        IF to_regprocedure('ci_adapter_key_digest(text[])') IS NULL THEN
            CREATE FUNCTION ci_adapter_key_digest(VARIADIC parts text[])
                RETURNS bytea
                LANGUAGE sql
                STABLE
                PARALLEL SAFE
            AS
            $function$
            SELECT sha256(convert_to(string_agg(CASE WHEN part IS NULL THEN '-' ELSE length(part)::text || ':' || part END,
                                                '' ORDER BY ord), 'UTF8'))
            FROM unnest(parts) WITH ORDINALITY AS p(part, ord)
            $function$;
        END IF;
    END
$install$;

-- ---------------------------------------------------------------------------------------------
-- Cluster membership (Microsoft.Orleans.Clustering.AdoNet)
-- ---------------------------------------------------------------------------------------------

-- One row per cluster id ("deployment" in the provider's words). Every membership change must
-- name the version it read and moves it on by one: that is the table's optimistic concurrency.
CREATE TABLE IF NOT EXISTS orleans_membership_version
(
    deployment_id text        NOT NULL PRIMARY KEY,
    version       integer     NOT NULL DEFAULT 0,
    changed_on    timestamptz NOT NULL DEFAULT now()
);

-- One row per silo incarnation (address, port, generation). Status holds Orleans' SiloStatus
-- (3 = Active, 6 = Dead). Suspect times are Orleans' own text: "<silo>,<time>|<silo>,<time>".
CREATE TABLE IF NOT EXISTS orleans_membership
(
    deployment_id   text        NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer     NOT NULL,
    suspect_times   text        NULL,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- ---------------------------------------------------------------------------------------------
-- Reminders (Microsoft.Orleans.Reminders.AdoNet)
-- ---------------------------------------------------------------------------------------------

-- grain_id is Orleans' full grain id text ("<grain type>/<key>"). grain_hash is the grain's
-- uniform hash as a signed integer; each silo reads the reminders of its hash range.
CREATE TABLE IF NOT EXISTS orleans_reminder
(
    key_digest    bytea       NOT NULL PRIMARY KEY, -- ci_adapter_key_digest(service_id, grain_id, reminder_name)
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    grain_hash    integer     NOT NULL,
    start_time    timestamptz NOT NULL,
    period        bigint      NOT NULL,             -- milliseconds
    version       integer     NOT NULL
);

CREATE INDEX IF NOT EXISTS orleans_reminder_ring_ix ON orleans_reminder (service_id, grain_hash);

-- A hash index has no entry-size limit, unlike a b-tree on arbitrarily long grain ids.
CREATE INDEX IF NOT EXISTS orleans_reminder_grain_ix ON orleans_reminder USING hash (grain_id);

-- ---------------------------------------------------------------------------------------------
-- Grain state (Microsoft.Orleans.Persistence.AdoNet)
-- ---------------------------------------------------------------------------------------------

-- The provider identifies a row by service id, the name it calls "grain type" (Orleans passes
-- the state name of [PersistentState("name", ...)] there) and the grain key split into two
-- integers and a string. The CI Adapter hands the provider keys that are always plain strings
-- (see CollisionSafeGrainStorage), so grain_key holds "<format>:<grain type>/<grain key>" and
-- both integers are 0. version is the ETag; payload is NULL once the state has been cleared.
CREATE TABLE IF NOT EXISTS orleans_grain_state
(
    key_digest  bytea       NOT NULL PRIMARY KEY, -- ci_adapter_key_digest(service_id, state_name, n0, n1, grain_key)
    service_id  text        NOT NULL,
    state_name  text        NOT NULL,
    grain_id_n0 bigint      NOT NULL,
    grain_id_n1 bigint      NOT NULL,
    grain_key   text        NULL,
    payload     bytea       NULL,
    version     integer     NOT NULL,
    modified_on timestamptz NOT NULL DEFAULT now()
);

-- ---------------------------------------------------------------------------------------------
-- The providers' queries, version 1
-- ---------------------------------------------------------------------------------------------

INSERT INTO OrleansQuery AS q (QueryKey, QueryText)
SELECT v.QueryKey, v.QueryText
FROM (VALUES

-- Membership: creates the cluster's version row; answers whether it did.
('InsertMembershipVersionKey', $query$
WITH created AS (
    INSERT INTO orleans_membership_version (deployment_id)
    VALUES (@DeploymentId)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM created)
$query$),

-- Membership: adds a silo if the caller read the current version and the silo is not there yet.
('InsertMembershipKey', $query$
WITH advanced AS (
    UPDATE orleans_membership_version
    SET version = version + 1,
        changed_on = now()
    WHERE deployment_id = @DeploymentId
      AND version = @Version
      AND NOT EXISTS (SELECT 1
                      FROM orleans_membership
                      WHERE deployment_id = @DeploymentId
                        AND address = @Address
                        AND port = @Port
                        AND generation = @Generation)
    RETURNING deployment_id),
     added AS (
         INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name,
                                         status, proxy_port, start_time, i_am_alive_time)
         SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName,
                @Status, @ProxyPort, @StartTime, @IAmAliveTime
         FROM advanced
         ON CONFLICT DO NOTHING
         RETURNING 1)
SELECT EXISTS (SELECT 1 FROM added)
$query$),

-- Membership: changes a silo's status and suspicions if the caller read the current version.
('UpdateMembershipKey', $query$
WITH advanced AS (
    UPDATE orleans_membership_version
    SET version = version + 1,
        changed_on = now()
    WHERE deployment_id = @DeploymentId
      AND version = @Version
      AND EXISTS (SELECT 1
                  FROM orleans_membership
                  WHERE deployment_id = @DeploymentId
                    AND address = @Address
                    AND port = @Port
                    AND generation = @Generation)
    RETURNING deployment_id),
     changed AS (
         UPDATE orleans_membership AS m
         SET status = @Status,
             suspect_times = @SuspectTimes,
             i_am_alive_time = @IAmAliveTime
         FROM advanced
         WHERE m.deployment_id = advanced.deployment_id
           AND m.address = @Address
           AND m.port = @Port
           AND m.generation = @Generation
         RETURNING 1)
SELECT EXISTS (SELECT 1 FROM changed)
$query$),

-- Membership: a silo's heartbeat; not a membership change, so the version stays.
('UpdateIAmAlivetimeKey', $query$
UPDATE orleans_membership
SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId
  AND address = @Address
  AND port = @Port
  AND generation = @Generation
$query$),

-- Membership: one silo's row, always with the table version (no silo columns if it is absent).
('MembershipReadRowKey', $query$
SELECT v.version         AS "Version",
       m.address         AS "Address",
       m.port            AS "Port",
       m.generation      AS "Generation",
       m.silo_name       AS "SiloName",
       m.host_name       AS "HostName",
       m.status          AS "Status",
       m.proxy_port      AS "ProxyPort",
       m.suspect_times   AS "SuspectTimes",
       m.start_time      AS "StartTime",
       m.i_am_alive_time AS "IAmAliveTime"
FROM orleans_membership_version AS v
         LEFT JOIN orleans_membership AS m
                   ON m.deployment_id = v.deployment_id
                       AND m.address = @Address
                       AND m.port = @Port
                       AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId
$query$),

-- Membership: every silo of the cluster, each row with the table version.
('MembershipReadAllKey', $query$
SELECT v.version         AS "Version",
       m.address         AS "Address",
       m.port            AS "Port",
       m.generation      AS "Generation",
       m.silo_name       AS "SiloName",
       m.host_name       AS "HostName",
       m.status          AS "Status",
       m.proxy_port      AS "ProxyPort",
       m.suspect_times   AS "SuspectTimes",
       m.start_time      AS "StartTime",
       m.i_am_alive_time AS "IAmAliveTime"
FROM orleans_membership_version AS v
         LEFT JOIN orleans_membership AS m
                   ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId
$query$),

-- Membership: gateways of silos in the given status (the provider asks for Active) for clients.
('GatewaysQueryKey', $query$
SELECT address    AS "Address",
       proxy_port AS "ProxyPort",
       generation AS "Generation"
FROM orleans_membership
WHERE deployment_id = @DeploymentId
  AND status = @Status
  AND proxy_port > 0
$query$),

-- Membership: forgets a whole cluster; its silo rows go with the version row (ON DELETE CASCADE).
('DeleteMembershipTableEntriesKey', $query$
DELETE
FROM orleans_membership_version
WHERE deployment_id = @DeploymentId
$query$),

-- Membership: removes dead silos (6 = SiloStatus.Dead) not heard from since the given time.
('CleanupDefunctSiloEntriesKey', $query$
DELETE
FROM orleans_membership
WHERE deployment_id = @DeploymentId
  AND status = 6
  AND i_am_alive_time < @IAmAliveTime
$query$),

-- Membership: removes one dead silo, only if its row is still exactly as the provider read it.
-- An absent and an empty suspect list are the same list.
('CleanupDefunctSiloEntryKey', $query$
DELETE
FROM orleans_membership
WHERE deployment_id = @DeploymentId
  AND address = @Address
  AND port = @Port
  AND generation = @Generation
  AND status = 6
  AND start_time = @StartTime
  AND i_am_alive_time = @IAmAliveTime
  AND coalesce(suspect_times, '') = coalesce(@SuspectTimes, '')
$query$),

-- Reminders: creates or replaces a reminder; answers its new version (the ETag).
('UpsertReminderRowKey', $query$
INSERT INTO orleans_reminder AS r (key_digest, service_id, grain_id, reminder_name, grain_hash,
                                   start_time, period, version)
VALUES (ci_adapter_key_digest(@ServiceId, @GrainId, @ReminderName), @ServiceId, @GrainId, @ReminderName,
        @GrainHash, @StartTime, @Period, 0)
ON CONFLICT (key_digest) DO UPDATE
    SET grain_hash = excluded.grain_hash,
        start_time = excluded.start_time,
        period     = excluded.period,
        version    = r.version + 1
    WHERE r.service_id = excluded.service_id
      AND r.grain_id = excluded.grain_id
      AND r.reminder_name = excluded.reminder_name
RETURNING version AS "Version"
$query$),

-- Reminders: one grain's reminders.
('ReadReminderRowsKey', $query$
SELECT grain_id      AS "GrainId",
       reminder_name AS "ReminderName",
       start_time    AS "StartTime",
       period        AS "Period",
       version       AS "Version"
FROM orleans_reminder
WHERE grain_id = @GrainId
  AND service_id = @ServiceId
$query$),

-- Reminders: one reminder.
('ReadReminderRowKey', $query$
SELECT grain_id      AS "GrainId",
       reminder_name AS "ReminderName",
       start_time    AS "StartTime",
       period        AS "Period",
       version       AS "Version"
FROM orleans_reminder
WHERE key_digest = ci_adapter_key_digest(@ServiceId, @GrainId, @ReminderName)
  AND service_id = @ServiceId
  AND grain_id = @GrainId
  AND reminder_name = @ReminderName
$query$),

-- Reminders: the hash range (BeginHash, EndHash] when it does not wrap around.
('ReadRangeRows1Key', $query$
SELECT grain_id      AS "GrainId",
       reminder_name AS "ReminderName",
       start_time    AS "StartTime",
       period        AS "Period",
       version       AS "Version"
FROM orleans_reminder
WHERE service_id = @ServiceId
  AND grain_hash > @BeginHash
  AND grain_hash <= @EndHash
$query$),

-- Reminders: the hash range (BeginHash, EndHash] when it wraps around (or is the whole ring).
('ReadRangeRows2Key', $query$
SELECT grain_id      AS "GrainId",
       reminder_name AS "ReminderName",
       start_time    AS "StartTime",
       period        AS "Period",
       version       AS "Version"
FROM orleans_reminder
WHERE service_id = @ServiceId
  AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
$query$),

-- Reminders: deletes a reminder if the caller holds its current version; answers whether it did.
('DeleteReminderRowKey', $query$
WITH removed AS (
    DELETE
    FROM orleans_reminder
    WHERE key_digest = ci_adapter_key_digest(@ServiceId, @GrainId, @ReminderName)
      AND service_id = @ServiceId
      AND grain_id = @GrainId
      AND reminder_name = @ReminderName
      AND version = @Version
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM removed)
$query$),

-- Reminders: deletes every reminder of the service.
('DeleteReminderRowsKey', $query$
DELETE
FROM orleans_reminder
WHERE service_id = @ServiceId
$query$),

-- Grain state: the payload and its version (the ETag), or no row.
('ReadFromStorageKey', $query$
SELECT payload AS "PayloadBinary",
       version AS "Version"
FROM orleans_grain_state
WHERE key_digest = ci_adapter_key_digest(@ServiceId, @GrainTypeString, @GrainIdN0::text, @GrainIdN1::text,
                                         @GrainIdExtensionString)
  AND service_id = @ServiceId
  AND state_name = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_key IS NOT DISTINCT FROM @GrainIdExtensionString
$query$),

-- Grain state: inserts (no ETag yet) or updates (ETag must match); answers the new version, or
-- no row when the ETag did not match, which the provider reports as an InconsistentStateException.
('WriteToStorageKey', $query$
WITH updated AS (
    UPDATE orleans_grain_state
    SET payload = @PayloadBinary,
        version = version + 1,
        modified_on = now()
    WHERE @GrainStateVersion IS NOT NULL
      AND key_digest = ci_adapter_key_digest(@ServiceId, @GrainTypeString, @GrainIdN0::text, @GrainIdN1::text,
                                             @GrainIdExtensionString)
      AND service_id = @ServiceId
      AND state_name = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0
      AND grain_id_n1 = @GrainIdN1
      AND grain_key IS NOT DISTINCT FROM @GrainIdExtensionString
      AND version = @GrainStateVersion
    RETURNING version),
     inserted AS (
         INSERT INTO orleans_grain_state (key_digest, service_id, state_name, grain_id_n0, grain_id_n1, grain_key,
                                          payload, version)
         SELECT ci_adapter_key_digest(@ServiceId, @GrainTypeString, @GrainIdN0::text, @GrainIdN1::text,
                                      @GrainIdExtensionString),
                @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString,
                @PayloadBinary, 1
         WHERE @GrainStateVersion IS NULL
         ON CONFLICT (key_digest) DO NOTHING
         RETURNING version)
SELECT version AS "NewGrainStateVersion" FROM updated
UNION ALL
SELECT version FROM inserted
$query$),

-- Grain state: clears the payload but keeps the row and moves its version on.
('ClearStorageKey', $query$
UPDATE orleans_grain_state
SET payload = NULL,
    version = version + 1,
    modified_on = now()
WHERE key_digest = ci_adapter_key_digest(@ServiceId, @GrainTypeString, @GrainIdN0::text, @GrainIdN1::text,
                                         @GrainIdExtensionString)
  AND service_id = @ServiceId
  AND state_name = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_key IS NOT DISTINCT FROM @GrainIdExtensionString
  AND version = @GrainStateVersion
RETURNING version AS "NewGrainStateVersion"
$query$),

-- Grain state: deletes the row (AdoNetGrainStorageOptions.DeleteStateOnClear); answers the
-- deleted version + 1 so the provider can tell success from an ETag mismatch (no row).
('DeleteStorageKey', $query$
DELETE
FROM orleans_grain_state
WHERE key_digest = ci_adapter_key_digest(@ServiceId, @GrainTypeString, @GrainIdN0::text, @GrainIdN1::text,
                                         @GrainIdExtensionString)
  AND service_id = @ServiceId
  AND state_name = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_key IS NOT DISTINCT FROM @GrainIdExtensionString
  AND version = @GrainStateVersion
RETURNING version + 1 AS "NewGrainStateVersion"
$query$)

) AS v (QueryKey, QueryText)
WHERE NOT EXISTS (SELECT 1 FROM ci_adapter_schema_version WHERE version > 1)
ON CONFLICT (QueryKey) DO UPDATE
    SET QueryText = excluded.QueryText
    WHERE q.QueryText IS DISTINCT FROM excluded.QueryText;

INSERT INTO ci_adapter_schema_version (version, description)
VALUES (1, 'Orleans 10.4 membership, reminders and grain state; collision-safe grain keys')
ON CONFLICT (version) DO NOTHING;

COMMIT;
