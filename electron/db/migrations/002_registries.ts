/** First cut of the registries: agencies, officers, enterprises (extended by later migrations). */
export const sql = /* sql */ `
CREATE TABLE agencies (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  version INTEGER NOT NULL DEFAULT 1,
  name TEXT NOT NULL UNIQUE,
  short_name TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('省','市','县','乡镇')),
  credit_code TEXT UNIQUE,
  head TEXT,
  phone TEXT,
  complaint_channel TEXT,
  is_own INTEGER NOT NULL DEFAULT 0 CHECK (is_own IN (0,1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE officers (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  version INTEGER NOT NULL DEFAULT 1,
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  name TEXT NOT NULL,
  post TEXT,
  phone TEXT,
  cert_no TEXT UNIQUE,
  cert_valid_from TEXT,
  cert_valid_to TEXT,
  kind TEXT NOT NULL DEFAULT 'officer' CHECK (kind IN ('officer','auxiliary')),
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','disabled')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (kind = 'auxiliary' OR cert_no IS NOT NULL)
) STRICT;
CREATE INDEX officers_agency ON officers(agency_id);

CREATE TABLE enterprises (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  version INTEGER NOT NULL DEFAULT 1,
  credit_code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('企业','个体工商户','农民专业合作社','其他')),
  address TEXT NOT NULL,
  legal_rep TEXT,
  phone TEXT,
  industry TEXT,
  park TEXT,
  grade TEXT CHECK (grade IS NULL OR grade IN ('绿','蓝','黄','橙','红')),
  whitelist INTEGER NOT NULL DEFAULT 0 CHECK (whitelist IN (0,1)),
  whitelist_date TEXT,
  whitelist_reason TEXT,
  key_supervision INTEGER NOT NULL DEFAULT 0 CHECK (key_supervision IN (0,1)),
  key_supervision_date TEXT,
  key_supervision_reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX enterprises_name ON enterprises(name);
`;
