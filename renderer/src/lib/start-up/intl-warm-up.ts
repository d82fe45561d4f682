/** A worker's whole job (see prepareIntl in prefetch.ts): the first Intl formatter, then it ends. */
new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }).format(0);
close();
