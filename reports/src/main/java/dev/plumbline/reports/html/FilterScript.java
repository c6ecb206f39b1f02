package dev.plumbline.reports.html;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The page's one script: filter boxes over the per-query view and the hallucination drill-down
 * (text search, a group select, a "flagged only" box), run on the page with no network access.
 * The Content-Security-Policy admits exactly this script by its SHA-256 hash, so markup injected
 * through dataset text can still never run. A filter box is {@code hidden} until the script shows
 * it, so without scripts no dead control is shown. {@code #q=TEXT} in the address applies a search
 * on load (a link to a query, and how the browser test drives it).
 */
public final class FilterScript {
    /** The script; items are the elements with {@code data-item} under the box's {@code data-target}. */
    public static final String SOURCE = """
            (function () {
              function apply(box) {
                var root = document.getElementById(box.getAttribute('data-target'));
                var q = box.querySelector('input[type=search]').value.trim().toLowerCase();
                var only = box.querySelector('input[type=checkbox]');
                var group = box.querySelector('select');
                var items = root.querySelectorAll('[data-item]');
                var shown = 0;
                for (var i = 0; i < items.length; i++) {
                  var el = items[i];
                  var ok = (!q || el.textContent.toLowerCase().indexOf(q) >= 0)
                      && (!only || !only.checked || el.getAttribute('data-flag') === '1')
                      && (!group || !group.value || el.getAttribute('data-group') === group.value);
                  el.hidden = !ok;
                  if (ok) { shown++; }
                }
                box.querySelector('.count').textContent = shown + ' of ' + items.length + ' shown';
              }
              var hash = new URLSearchParams(location.hash.slice(1)).get('q');
              var boxes = document.querySelectorAll('.filter');
              for (var i = 0; i < boxes.length; i++) {
                var box = boxes[i];
                box.hidden = false;
                if (hash) { box.querySelector('input[type=search]').value = hash; }
                box.addEventListener('input', apply.bind(null, box));
                box.addEventListener('change', apply.bind(null, box));
                apply(box);
              }
            })();
            """;

    private FilterScript() {
    }

    /** The CSP source expression that admits {@link #SOURCE}: {@code 'sha256-BASE64'}. */
    static String cspHash() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(SOURCE.getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(d) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /**
     * A filter box over the element with id {@code target}.
     *
     * @param groups     values of the group select (empty: no select); {@code groupLabel} names "all"
     * @param flagLabel  the checkbox's label, or {@code null} for none
     */
    static String box(String target, String placeholder, java.util.List<String> groups, String groupLabel,
                      String flagLabel) {
        StringBuilder sb = new StringBuilder("<div class=\"filter\" hidden data-target=\"").append(Html.escape(target))
                .append("\"><input type=\"search\" placeholder=\"").append(Html.escape(placeholder))
                .append("\" aria-label=\"").append(Html.escape(placeholder)).append("\">");
        if (groups.size() > 1) {
            sb.append(" <select aria-label=\"").append(Html.escape(groupLabel)).append("\"><option value=\"\">all ")
                    .append(Html.escape(groupLabel)).append("</option>");
            for (String g : groups) {
                sb.append("<option value=\"").append(Html.escape(g)).append("\">").append(Html.escape(g)).append("</option>");
            }
            sb.append("</select>");
        }
        if (flagLabel != null) {
            sb.append(" <label><input type=\"checkbox\"> ").append(Html.escape(flagLabel)).append("</label>");
        }
        return sb.append(" <span class=\"count muted\"></span></div>\n").toString();
    }
}
