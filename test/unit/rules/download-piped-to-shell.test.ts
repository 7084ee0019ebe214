import { ruleTester } from '../../helpers/rule-tester';

ruleTester('download-piped-to-shell', {
  valid: [
    'FROM debian:12\nRUN curl -fsSLo /tmp/install.sh https://e.com/install.sh && sha256sum -c sums && sh /tmp/install.sh\n',
    'FROM debian:12\nRUN curl -fsSL https://e.com/x.tar.gz | tar -xz\n',
    'FROM debian:12\nRUN curl -fsSL https://e.com/data.json | python3 -c "import json,sys; print(json.load(sys.stdin))"\n',
    'FROM debian:12\nRUN curl -fsSL https://e.com/x | bash -c "cat > /x"\n',
    'FROM debian:12\nRUN echo hi | sh\n',
    'FROM debian:12\nRUN sh -c "echo $(date)"\n',
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN curl -fsSL https://get.example.com | sh\n',
      errors: [{ line: 2, column: 5, endColumn: 44, message: /piped straight into `sh`/ }],
    },
    {
      name: 'wget through tee into sudo bash -s; php installer; ONBUILD',
      code:
        'FROM debian:12\nRUN wget -qO- https://e.com/i | tee /tmp/log | sudo bash -s -- --yes\n' +
        'ONBUILD RUN curl -sS https://getcomposer.org/installer | php -- --install-dir=/usr/local/bin\n',
      errors: [
        { line: 2, column: 5, endColumn: 57 },
        { line: 3, column: 13, endColumn: 61 },
      ],
    },
    {
      name: 'command and process substitution',
      code: 'FROM debian:12\nRUN sh -c "$(curl -fsSL https://e.com/i)" && bash <(wget -qO- https://e.com/j)\n',
      errors: [
        { line: 2, column: 5, endColumn: 42, message: /through `sh`/ },
        { line: 2, column: 46, endColumn: 79 },
      ],
    },
  ],
});
