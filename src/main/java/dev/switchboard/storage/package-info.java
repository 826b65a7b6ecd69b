/**
 * How modules keep their records: shared mechanics of storage that are no module's domain (rows kept for
 * the rest of a transaction, configuration cached per node). Every module may use it; it uses none.
 */
package dev.switchboard.storage;
