package dev.switchboard.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Pages speak English or Russian: a signed-in user's saved preference first (put on the request as
 * {@value #USER_LOCALE} by the sign-in code), then the {@code lang} cookie set by {@code ?lang=ru}, then
 * the browser's Accept-Language.
 */
@Configuration
class LanguageConfiguration implements WebMvcConfigurer {

    static final String USER_LOCALE = "switchboard.userLocale";
    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.forLanguageTag("ru"));

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver cookies = new CookieLocaleResolver("lang");
        cookies.setDefaultLocaleFunction(request -> {
            Locale wanted = request.getLocale();
            return SUPPORTED.stream().filter(l -> l.getLanguage().equals(wanted.getLanguage())).findFirst()
                    .orElse(Locale.ENGLISH);
        });
        return new LocaleResolver() {
            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                Object saved = request.getAttribute(USER_LOCALE);
                if (saved instanceof String tag && !tag.isBlank()) {
                    return Locale.forLanguageTag(tag);
                }
                return cookies.resolveLocale(request);
            }

            @Override
            public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
                cookies.setLocale(request, response, locale);
            }
        };
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        // Pages only: reading a parameter parses the body, and webhooks read their raw bodies themselves.
        registry.addInterceptor(change).excludePathPatterns("/api/**", "/hooks/**");
    }
}
