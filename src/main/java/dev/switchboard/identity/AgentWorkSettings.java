package dev.switchboard.identity;

/**
 * Whether an agent takes new work now and how much they can carry, as other modules' pages change it: the
 * same checks and audit trail as {@code PATCH /api/v1/users/{id}}.
 */
public interface AgentWorkSettings {

    /**
     * Sets an agent's {@code availability} ({@code available}, {@code away}, {@code offline}) and
     * {@code capacity} (0–10000 unfinished tickets); null leaves a setting as it is. Admins change anyone's;
     * others only their own availability.
     */
    void change(Actor actor, long agentId, String availability, Integer capacity);
}
