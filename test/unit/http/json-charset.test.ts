import { expect } from 'chai';
import { jsonCharset } from '../../../src/adapters/http/shared/json-body.middleware';

describe('jsonCharset (the Content-Type of a JSON body, parsed once)', () => {
  it('takes application/json and +json types, with their charset in lower case', () => {
    expect(jsonCharset('application/json')).to.equal('');
    expect(jsonCharset('Application/JSON; charset=UTF-8')).to.equal('utf-8');
    expect(jsonCharset('application/merge-patch+json')).to.equal('');
    expect(jsonCharset('application/vnd.api+json; charset="utf8"')).to.equal('utf8');
    expect(jsonCharset('application/json; charset=latin1')).to.equal('latin1');
  });

  it('refuses what is not a JSON media type or not a media type at all', () => {
    for (const header of ['', 'text/plain', 'application/jsonx', 'application/+json', 'text/json', 'application/json; charset', 'application/x-www-form-urlencoded', 'json', 'application/json+x']) {
      expect(jsonCharset(header), header).to.equal(null);
    }
  });
});
