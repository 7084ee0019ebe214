import { ruleTester } from '../../helpers/rule-tester';

ruleTester('go-pin-versions', {
  valid: [
    'FROM golang:1.22\nRUN go install golang.org/x/tools/gopls@v0.15.3\n',
    'FROM golang:1.22\nRUN go install ./cmd/... && go build -o /app .\n',
    'FROM golang:1.22\nRUN go get example.com/old@none\n',
    'FROM golang:1.22\nRUN go run github.com/x/gen@v1.2.3 -out gen.go github.com/not/a/module\n',
    'FROM golang:1.22\nRUN go install "github.com/x/y@${VERSION}"\n',
    'FROM golang:1.22\nRUN go mod download\n',
  ],
  invalid: [
    {
      code: 'FROM golang:1.22\nRUN go install github.com/go-delve/delve/cmd/dlv@latest\n',
      errors: [{ line: 2, column: 16, endColumn: 56, message: /@latest/ }],
    },
    {
      name: 'no version, flags with values, go get, ONBUILD',
      code: 'FROM golang:1.22\nRUN go install -ldflags "-s -w" github.com/a/b\nONBUILD RUN GO111MODULE=on go get -u golang.org/x/lint/golint\n',
      errors: [
        { line: 2, column: 33, endColumn: 47, message: /without a version/ },
        { line: 3, column: 38 },
      ],
    },
  ],
});
