package dev.switchboard.identity.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.internal.AccountViews.NewTokenView;
import dev.switchboard.identity.internal.AccountViews.TokenView;
import dev.switchboard.web.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's own API tokens. The secret is in the create answer only; no Idempotency-Key here, since
 * replaying would mean keeping the secret.
 */
@RestController
@RequestMapping("/api/v1/tokens")
class TokenApi {

    record NewToken(@NotBlank @Size(max = 200) String name) {
    }

    private final Accounts accounts;
    private final ApiTokenRecords tokens;

    TokenApi(Accounts accounts, ApiTokenRecords tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    @PostMapping
    ResponseEntity<NewTokenView> create(Actor actor, @Valid @RequestBody NewToken body) {
        Accounts.IssuedToken issued = accounts.issueToken(actor, body.name());
        TokenView stored = tokens.byId(issued.id()).map(TokenView::of).orElseThrow();
        return ResponseEntity.created(URI.create("/api/v1/tokens/" + issued.id()))
                .body(new NewTokenView(issued.id(), stored.name(), issued.prefix(), issued.secret(), stored.createdAt()));
    }

    @GetMapping
    Page<TokenView> list(Actor actor) {
        return new Page<>(tokens.ofUser(actor.userId()).stream().map(TokenView::of).toList(), null);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(Actor actor, @PathVariable long id) {
        accounts.revokeToken(actor, id);
        return ResponseEntity.noContent().build();
    }
}
