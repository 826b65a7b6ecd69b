/**
 * Automation: macros, the one-click bundles of a templated reply or note and field changes that agents
 * apply to a ticket, acting through {@code Tickets} as the agent who applies them; and triggers, which answer
 * {@code TicketEvents} with field changes, notes, auto-replies (through notification's {@code AutoReplies})
 * and signed webhooks (through the outbox), acting as the system actor {@code triggers} and never set off by
 * their own changes. See docs/automation.md.
 */
package dev.switchboard.automation;
