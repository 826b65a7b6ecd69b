package dev.switchboard.notification.internal;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import dev.switchboard.web.InvalidRequest.FieldProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The subject, text and HTML of each notification in each language: the defaults shipped in
 * {@code notifications/{key}.{locale}.{subject|txt|html}}, or an admin's version saved in the database.
 * Rendered with JMustache; HTML templates escape every value, text templates and subjects do not.
 */
@Component
class NotificationTemplates {

    static final List<String> LOCALES = List.of("en", "ru");

    /** A template's three parts, as written. */
    record Template(String subject, String text, String html) {
    }

    /** A template filled in for one recipient. */
    record Rendered(String subject, String text, String html) {
    }

    private static final Mustache.Compiler TEXT = Mustache.compiler().escapeHTML(false).defaultValue("");
    private static final Mustache.Compiler HTML = Mustache.compiler().defaultValue("");
    /** The only value HTML templates may insert unescaped: the reply's body, sanitized when it was posted. */
    private static final String RAW_HTML = "message.html";
    private static final Pattern UNESCAPED = Pattern.compile("\\{\\{\\{\\s*([^}]*?)\\s*}}}|\\{\\{&\\s*([^}]*?)\\s*}}");

    private final Map<String, Template> defaults = new HashMap<>();
    /**
     * Compiled templates by their source: every notification renders three, and compiling costs more than
     * rendering. Keyed by the text itself, so an admin's edit is simply another entry; bounded by clearing.
     */
    private final Map<String, com.samskivert.mustache.Template> compiled = new ConcurrentHashMap<>();
    private final TemplateRecords overrides;
    private final SavedTemplates saved;

    NotificationTemplates(TemplateRecords overrides, SavedTemplates saved) {
        this.overrides = overrides;
        this.saved = saved;
        for (TemplateKey key : TemplateKey.values()) {
            for (String locale : LOCALES) {
                Template template = new Template(read(key, locale, "subject").strip(), read(key, locale, "txt"),
                        read(key, locale, "html"));
                List<FieldProblem> problems = problems(key, template);
                if (!problems.isEmpty()) {
                    throw new IllegalStateException("The shipped template " + key.code() + "/" + locale + " is broken: " + problems);
                }
                defaults.put(key.code() + "/" + locale, template);
            }
        }
    }

    /** The language a user reads: theirs when we have templates in it, else English. */
    static String localeFor(String userLocale) {
        return userLocale != null && LOCALES.contains(userLocale) ? userLocale : "en";
    }

    Template defaultOf(TemplateKey key, String locale) {
        return defaults.get(key.code() + "/" + locale);
    }

    Optional<TemplateRecords.Override> override(TemplateKey key, String locale) {
        return overrides.find(key, locale);
    }

    /** The template as stored now: the admin's version, or the default (for the admin pages). */
    Template current(TemplateKey key, String locale) {
        return overrides.find(key, locale).map(TemplateRecords.Override::template).orElseGet(() -> defaultOf(key, locale));
    }

    /** The template notifications are sent with, from this node's {@link SavedTemplates}. */
    Template inUse(TemplateKey key, String locale) {
        return saved.of(key, locale).orElseGet(() -> defaultOf(key, locale));
    }

    Rendered render(TemplateKey key, String locale, Map<String, Object> model) {
        return render(inUse(key, locale), model);
    }

    /** Fills in a template as given (an admin's draft, for the preview); check {@link #problems} first. */
    Rendered render(Template template, Map<String, Object> model) {
        return new Rendered(oneLine(compiled(TEXT, "t:", template.subject()).execute(model)),
                compiled(TEXT, "t:", template.text()).execute(model), compiled(HTML, "h:", template.html()).execute(model));
    }

    private com.samskivert.mustache.Template compiled(Mustache.Compiler compiler, String kind, String source) {
        if (compiled.size() > 500) {
            compiled.clear();
        }
        return compiled.computeIfAbsent(kind + source, k -> compiler.compile(source));
    }

    /**
     * What is wrong with a template, per part: it must compile, use only the key's placeholders (with their
     * full names, also inside sections), include no partials, keep the delimiters, and in HTML insert nothing
     * unescaped but {@code {{{message.html}}}}. Empty when it is fine.
     */
    List<FieldProblem> problems(TemplateKey key, Template template) {
        List<FieldProblem> problems = new ArrayList<>();
        check("subject", template.subject(), TEXT, key, false, problems);
        check("text", template.text(), TEXT, key, false, problems);
        check("html", template.html(), HTML, key, true, problems);
        return problems;
    }

    private static void check(String field, String source, Mustache.Compiler compiler, TemplateKey key, boolean html,
                              List<FieldProblem> problems) {
        if (source == null) {
            problems.add(new FieldProblem(field, "is required"));
            return;
        }
        if (source.contains("{{=")) {
            problems.add(new FieldProblem(field, "changing the delimiters ({{=...=}}) is not supported"));
            return;
        }
        com.samskivert.mustache.Template compiled;
        try {
            compiled = compiler.compile(source);
        } catch (MustacheException e) {
            problems.add(new FieldProblem(field, "does not compile: " + e.getMessage()));
            return;
        }
        Set<String> unknown = new TreeSet<>();
        Set<String> partials = new TreeSet<>();
        compiled.visit(new Mustache.Visitor() {
            @Override
            public void visitText(String text) {
            }

            @Override
            public void visitVariable(String name) {
                if (!key.placeholders().contains(name)) {
                    unknown.add(name);
                }
            }

            @Override
            public boolean visitInclude(String name) {
                partials.add(name);
                return false;
            }

            @Override
            public boolean visitParent(String name) {
                partials.add(name);
                return false;
            }

            @Override
            public boolean visitSection(String name) {
                visitVariable(name);
                return true;
            }

            @Override
            public boolean visitInvertedSection(String name) {
                visitVariable(name);
                return true;
            }
        });
        if (!unknown.isEmpty()) {
            problems.add(new FieldProblem(field, "unknown placeholders " + unknown.stream().map(n -> "{{" + n + "}}")
                    .collect(Collectors.joining(", ")) + "; " + key.code() + " allows " + key.placeholderList().stream()
                    .map(n -> "{{" + n + "}}").collect(Collectors.joining(", "))));
        }
        if (!partials.isEmpty()) {
            problems.add(new FieldProblem(field, "partials ({{>name}}) are not supported"));
        }
        if (html) {
            Matcher raw = UNESCAPED.matcher(source);
            while (raw.find()) {
                String name = raw.group(1) != null ? raw.group(1) : raw.group(2);
                if (!RAW_HTML.equals(name) || !key.placeholders().contains(RAW_HTML)) {
                    problems.add(new FieldProblem(field, "only {{{message.html}}} may be inserted unescaped (in agent_reply); "
                            + "write {{" + name + "}} instead"));
                    break;
                }
            }
        }
        if (unknown.isEmpty() && partials.isEmpty()) {
            try {
                compiled.execute(TemplateModel.sample());
            } catch (MustacheException e) {
                problems.add(new FieldProblem(field, "does not render: " + e.getMessage()));
            }
        }
    }

    /** A subject is one header line: line breaks (from a template or a ticket's subject) become spaces. */
    private static String oneLine(String subject) {
        return subject.replaceAll("[\\r\\n\\t]+", " ").strip();
    }

    private static String read(TemplateKey key, String locale, String part) {
        String path = "notifications/" + key.code() + "." + locale + "." + part;
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Missing notification template " + path, e);
        }
    }
}
