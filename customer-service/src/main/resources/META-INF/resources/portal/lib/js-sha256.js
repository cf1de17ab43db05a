// keycloak-js imports js-sha256 as a module; its webjar ships only a browser script that sets window.sha256.
import '/webjars/js-sha256/build/sha256.min.js';

export default window.sha256;
