package dev.infradash.base;

import com.vaadin.flow.component.page.Inline;
import com.vaadin.flow.server.AppShellSettings;

/**
 * Light or dark, decided in the browser before the first paint: the visitor's own choice when
 * they made one (kept in localStorage, so it survives reloads, logouts and server restarts),
 * otherwise the operating system's {@code prefers-color-scheme}, followed live. Issue 15: the
 * theme lived in the server session, ignored the OS and was gone after the next login.
 */
public final class BrowserTheme {

    /** The localStorage key; "dark" or "light" once the visitor has picked. */
    public static final String STORAGE_KEY = "infradash.theme";

    static final String SCRIPT = """
            (function () {
              var key = '%s';
              var media = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
              function chosen() {
                try { return window.localStorage.getItem(key); } catch (e) { return null; }
              }
              function apply() {
                var choice = chosen();
                var dark = choice === 'dark' || (choice !== 'light' && !!(media && media.matches));
                var root = document.documentElement;
                var themes = (root.getAttribute('theme') || '').split(' ').filter(function (t) {
                  return t && t !== 'dark';
                });
                if (dark) { themes.push('dark'); }
                if (themes.length) { root.setAttribute('theme', themes.join(' ')); } else { root.removeAttribute('theme'); }
                return dark;
              }
              apply();
              if (media && media.addEventListener) { media.addEventListener('change', apply); }
              window.infradashTheme = {
                toggle: function () {
                  var dark = !/(^| )dark( |$)/.test(document.documentElement.getAttribute('theme') || '');
                  try { window.localStorage.setItem(key, dark ? 'dark' : 'light'); } catch (e) { }
                  return apply();
                }
              };
            })();
            """.formatted(STORAGE_KEY);

    private BrowserTheme() {}

    /** Puts the script first in the page's head, so no page is ever painted in the wrong theme. */
    public static void addTo(AppShellSettings settings) {
        settings.addInlineWithContents(Inline.Position.PREPEND, SCRIPT, Inline.Wrapping.JAVASCRIPT);
    }

    /** What the navbar's switch runs: flips the theme and remembers the choice in this browser. */
    public static String toggleScript() {
        return "return window.infradashTheme ? window.infradashTheme.toggle() : false";
    }
}
