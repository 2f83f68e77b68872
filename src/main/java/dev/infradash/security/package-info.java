@NullMarked
package dev.infradash.security;

import org.jspecify.annotations.NullMarked;
