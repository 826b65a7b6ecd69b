package dev.switchboard.ticket.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.ticket.Categories;
import dev.switchboard.ticket.Category;
import dev.switchboard.web.Page;
import dev.switchboard.web.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Request categories: everyone may read the active ones (the portal's form needs them); admins manage them. */
@RestController
@RequestMapping("/api/v1/categories")
class CategoryApi {

    record NewCategory(@NotBlank @Size(max = 100) String name, @Size(max = 3) List<String> requiredFields, Integer position) {
    }

    record CategoryPatch(@Size(min = 1, max = 100) String name, @Size(max = 3) List<String> requiredFields,
                         Integer position, Boolean active) {
    }

    record CategoryView(long id, String name, Set<String> requiredFields, int position, boolean active) {
        static CategoryView of(Category c) {
            return new CategoryView(c.id(), c.name(), new TreeSet<>(c.requiredFields()), c.position(), c.active());
        }
    }

    private final Categories categories;

    CategoryApi(Categories categories) {
        this.categories = categories;
    }

    @GetMapping
    Page<CategoryView> list(Actor actor) {
        return new Page<>(categories.all(!actor.isStaff()).stream().map(CategoryView::of).toList(), null);
    }

    @PostMapping
    ResponseEntity<CategoryView> create(Actor actor, @Valid @RequestBody NewCategory body) {
        requireAdmin(actor);
        long id = categories.create(actor, body.name(), body.requiredFields() == null ? Set.of() : Set.copyOf(body.requiredFields()),
                body.position() == null ? 0 : body.position());
        return ResponseEntity.created(URI.create("/api/v1/categories/" + id)).body(view(id));
    }

    @PatchMapping("/{id}")
    CategoryView change(Actor actor, @PathVariable long id, @Valid @RequestBody CategoryPatch body) {
        requireAdmin(actor);
        categories.change(actor, id, body.name(), body.requiredFields() == null ? null : Set.copyOf(body.requiredFields()),
                body.position(), body.active());
        return view(id);
    }

    private CategoryView view(long id) {
        return categories.all(false).stream().filter(c -> c.id() == id).findFirst().map(CategoryView::of)
                .orElseThrow(() -> Problems.notFound("Category " + id));
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw Problems.forbidden("Only admins manage categories.");
        }
    }
}
