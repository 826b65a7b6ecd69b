package dev.switchboard.notification.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.notification.OutboundChannel;
import dev.switchboard.web.Problems;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The outbox page: what is queued, delivered, failing (waiting for another try) and dead, filtered by state,
 * channel and ticket, with each item's attempts, last error and next attempt; a dead letter can be put back
 * in line. The dead letters are where an admin learns that mail did not reach someone.
 */
@Controller
@RequestMapping("/admin/outbox")
class OutboxPages {

    static final List<String> STATES = List.of(OutboxRecords.QUEUED, OutboxRecords.FAILING, OutboxItem.SENT,
            OutboxItem.DEAD, OutboxItem.HELD);
    private static final int PAGE = 50;

    private final OutboxRecords records;
    private final DeadLetters deadLetters;
    private final ChannelPauses pauses;
    private final Set<String> channels = new TreeSet<>();
    private final MessageSource messages;

    OutboxPages(OutboxRecords records, DeadLetters deadLetters, ChannelPauses pauses, List<OutboundChannel> channels,
                MessageSource messages) {
        this.records = records;
        this.deadLetters = deadLetters;
        this.pauses = pauses;
        channels.forEach(c -> this.channels.add(c.channel()));
        this.channels.add(Notifier.CHANNEL);
        this.messages = messages;
    }

    @ModelAttribute
    void adminsOnly(Actor actor, Model model) {
        DeadLetters.requireAdmin(actor);
        model.addAttribute("actor", actor);
    }

    @GetMapping
    String list(@RequestParam(required = false) String state, @RequestParam(required = false) String channel,
                @RequestParam(required = false) Long ticket, @RequestParam(required = false) Long before, Model model) {
        String shown = state != null && STATES.contains(state) ? state : null;
        String through = channel != null && channels.contains(channel) ? channel : null;
        List<OutboxItem> page = records.page(shown, through, ticket, before, PAGE + 1);
        model.addAttribute("items", page.stream().limit(PAGE).toList());
        model.addAttribute("nextBefore", page.size() > PAGE ? page.get(PAGE - 1).id() : null);
        model.addAttribute("state", shown);
        model.addAttribute("channel", through);
        model.addAttribute("ticket", ticket);
        model.addAttribute("states", STATES);
        model.addAttribute("channels", channels);
        model.addAttribute("counts", records.unfinishedCounts());
        model.addAttribute("pauses", pauses.current());
        return "notification/outbox";
    }

    @GetMapping("/{id}")
    String item(@PathVariable long id, Model model) {
        model.addAttribute("item", records.byId(id).orElseThrow(() -> Problems.notFound("Outbox item " + id)));
        return "notification/outbox-item";
    }

    @PostMapping("/{id}/retry")
    String retry(Actor actor, @PathVariable long id, @RequestParam(required = false) String back,
                 RedirectAttributes flash) {
        try {
            OutboxItem item = deadLetters.retry(actor, id);
            flash.addFlashAttribute("notice", say("outbox.retried", id, item.recipient()));
        } catch (ErrorResponseException refused) {
            flash.addFlashAttribute("error", refused.getBody().getDetail());
        }
        return "redirect:" + ("item".equals(back) ? "/admin/outbox/" + id
                : "/admin/outbox?state=" + (OutboxItem.HELD.equals(back) ? OutboxItem.HELD : OutboxItem.DEAD));
    }

    private String say(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
