package dev.switchboard.web;

/** The outcome of a create call: the resource, and whether it is a replay of an earlier call with the same key. */
public record Created<T>(T resource, boolean replayed) {
}
