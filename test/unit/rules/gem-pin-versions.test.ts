import { ruleTester } from '../../helpers/rule-tester';

ruleTester('gem-pin-versions', {
  valid: [
    'FROM ruby:3.3\nRUN gem install rake:13.1.0 bundler:2.5.6\n',
    'FROM ruby:3.3\nRUN gem install bundler -v 2.5.6\n',
    'FROM ruby:3.3\nRUN gem install bundler --version=2.5.6 --no-document\n',
    'FROM ruby:3.3\nRUN gem install ./local.gem "$GEM"\n',
    'FROM ruby:3.3\nRUN gem update --system\n',
  ],
  invalid: [
    {
      code: 'FROM ruby:3.3\nRUN gem install rails\n',
      errors: [{ line: 2, column: 17, endColumn: 22, message: /`rails:<version>`/ }],
    },
    {
      name: 'gem i, option values skipped, ONBUILD',
      code: 'FROM ruby:3.3\nONBUILD RUN gem i --no-document -n /usr/local/bin bundler jekyll:4.3.3\n',
      errors: [{ line: 2, column: 51, endColumn: 58 }],
    },
  ],
});
