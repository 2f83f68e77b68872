@NullMarked
package dev.infradash;

import org.jspecify.annotations.NullMarked;
