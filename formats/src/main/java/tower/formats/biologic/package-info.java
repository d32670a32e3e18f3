/** BioLogic EC-Lab / BT-Lab readers: text exports (.mpt, .txt, semicolon CSV) and binary .mpr files. */
package tower.formats.biologic;
