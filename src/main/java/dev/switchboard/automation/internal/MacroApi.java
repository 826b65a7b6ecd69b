package dev.switchboard.automation.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.ticket.TicketView;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.Page;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Macros: agents keep their own, admins the shared ones; anyone on the team applies those they see. */
@RestController
class MacroApi {

    record Application(Integer version) {
    }

    private final Macros macros;

    MacroApi(Macros macros) {
        this.macros = macros;
    }

    @GetMapping("/api/v1/macros")
    Page<Macro> list(Actor actor) {
        return new Page<>(macros.visibleTo(actor), null);
    }

    @GetMapping("/api/v1/macros/{id}")
    Macro get(Actor actor, @PathVariable long id) {
        return macros.get(id, actor);
    }

    @PostMapping("/api/v1/macros")
    ResponseEntity<Macro> create(Actor actor, @RequestBody Macros.Draft body) {
        Macro macro = macros.create(actor, body);
        return ResponseEntity.created(URI.create("/api/v1/macros/" + macro.id())).body(macro);
    }

    @PatchMapping("/api/v1/macros/{id}")
    Macro change(Actor actor, @PathVariable long id, @RequestBody Macros.Draft body) {
        return macros.change(actor, id, body);
    }

    @DeleteMapping("/api/v1/macros/{id}")
    ResponseEntity<Void> delete(Actor actor, @PathVariable long id) {
        macros.delete(actor, id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/tickets/{id}/macros/{macroId}/preview")
    Macros.Preview preview(Actor actor, @PathVariable long id, @PathVariable long macroId) {
        return macros.preview(id, macroId, actor);
    }

    /** Needs the ticket's version, in the body or as If-Match, like any ticket update. */
    @PostMapping("/api/v1/tickets/{id}/macros/{macroId}")
    TicketView apply(Actor actor, @PathVariable long id, @PathVariable long macroId,
                     @RequestBody(required = false) Application body,
                     @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        Integer version = body == null ? null : body.version();
        if (version == null && ifMatch != null) {
            try {
                version = Integer.parseInt(ifMatch.replace("\"", "").replace("W/", "").strip());
            } catch (NumberFormatException e) {
                throw InvalidRequest.field("If-Match", "must be the ticket's version, such as \"3\"");
            }
        }
        if (version == null) {
            throw InvalidRequest.field("version", "required: the ticket's version you last saw");
        }
        return macros.apply(id, macroId, version, actor);
    }
}
