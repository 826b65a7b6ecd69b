package dev.switchboard.channel.email.inbound;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a batch of fetched messages into lanes that may be ingested side by side: messages that share a
 * Message-ID (one answers another, or both answer a third, or they are copies of one message) land in the
 * same lane, in their order on the server, so a reply is never processed before the message it answers.
 *
 * @param lanes indexes into the batch, each lane in server order
 */
record IngestLanes(List<List<Integer>> lanes) {

    static IngestLanes of(List<byte[]> batch) {
        int[] parent = new int[batch.size()];
        Map<String, Integer> firstWith = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            parent[i] = i;
            for (String id : idsOf(batch.get(i))) {
                Integer earlier = firstWith.putIfAbsent(id, i);
                if (earlier != null) {
                    parent[root(parent, i)] = root(parent, earlier);
                }
            }
        }
        Map<Integer, List<Integer>> lanes = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            lanes.computeIfAbsent(root(parent, i), k -> new ArrayList<>()).add(i);
        }
        return new IngestLanes(List.copyOf(lanes.values()));
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** A message's own Message-ID and the ones it answers; none for a message whose headers cannot be read. */
    private static List<String> idsOf(byte[] raw) {
        List<String> ids = new ArrayList<>();
        try {
            InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(raw));
            String own = InboundMail.messageIdOf(headers.getHeader("Message-ID", null));
            if (own != null) {
                ids.add(own);
            }
            for (String name : List.of("In-Reply-To", "References")) {
                String[] values = headers.getHeader(name);
                if (values != null) {
                    ids.addAll(InboundMail.idsIn(List.of(values)));
                }
            }
        } catch (MessagingException | RuntimeException unreadable) {
            // its own lane: it answers nothing we can see
        }
        return ids;
    }
}
