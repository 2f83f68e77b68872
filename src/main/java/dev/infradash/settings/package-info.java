@NullMarked
package dev.infradash.settings;

import org.jspecify.annotations.NullMarked;
