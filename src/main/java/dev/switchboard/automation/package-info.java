/**
 * Automation: macros, the one-click bundles of a templated reply or note and field changes that agents
 * apply to a ticket. They act only through {@code Tickets}, as the agent who applies them.
 */
package dev.switchboard.automation;
