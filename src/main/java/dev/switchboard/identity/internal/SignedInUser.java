package dev.switchboard.identity.internal;

import dev.switchboard.identity.Actor;
import java.io.Serializable;
import java.security.Principal;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The principal behind every authenticated request, whichever way the caller signed in. */
record SignedInUser(Actor actor) implements Principal, Serializable {

    @Override
    public String getName() {
        return actor.email();
    }

    List<GrantedAuthority> authorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + actor.role().name()));
    }
}
