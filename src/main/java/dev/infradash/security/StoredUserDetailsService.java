package dev.infradash.security;

import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Logins are checked against the in-memory copy of users.json. Deliberately not a bean: a
 * UserDetailsService bean would make Spring build a second, unthrottled login path beside
 * {@link ThrottledAuthenticationProvider}.
 */
final class StoredUserDetailsService implements UserDetailsService {

    private final UserStore store;

    StoredUserDetailsService(UserStore store) {
        this.store = store;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        StoredUser user = store.find(username).orElseThrow(() -> new UsernameNotFoundException("unknown user"));
        return User.withUsername(user.username())
                .password(user.passwordHash())
                .authorities(List.of(new SimpleGrantedAuthority(user.role().authority())))
                .build();
    }
}
