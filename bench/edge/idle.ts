/** An idle process under the tsx loader: the RSS floor of anything started with `node --import tsx`. */
setInterval(() => undefined, 1000);
